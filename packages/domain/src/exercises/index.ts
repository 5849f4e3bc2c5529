export * from "./contracts.js";
export * from "./rules.js";
export * from "./templates.js";
