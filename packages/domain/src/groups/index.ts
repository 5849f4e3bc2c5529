export * from "./contracts.js";
export * from "./near-copies.js";
