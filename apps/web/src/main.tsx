import "@mantine/core/styles.css";
import "./styles/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element to render Lantern into.");

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
