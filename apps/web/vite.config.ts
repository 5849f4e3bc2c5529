import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Packages that change rarely get their own long-cached chunks, separate from Lantern's own code. */
const vendorGroups = [
  { name: "react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
  { name: "query", test: /node_modules[\\/]@tanstack[\\/]/, priority: 1 },
];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // Every supported browser has native modulepreload; skipping the polyfill keeps the entry small.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // The shared domain package re-exports zod schemas next to plain helpers. The web app only needs
      // the helpers and types, so modules whose exports go unused are dropped instead of pulling in zod.
      treeshake: { moduleSideEffects: [{ test: /packages[\\/]domain[\\/]src[\\/]/, sideEffects: false }] },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
});
