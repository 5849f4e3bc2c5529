export * from "./contracts.js";
export * from "./ical.js";
export * from "./rules.js";
