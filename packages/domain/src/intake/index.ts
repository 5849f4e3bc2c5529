export * from "./areas.js";
export * from "./contracts.js";
export * from "./rules.js";
