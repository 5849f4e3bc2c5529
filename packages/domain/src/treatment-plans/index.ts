export * from "./contracts.js";
export * from "./library.js";
export * from "./rules.js";
