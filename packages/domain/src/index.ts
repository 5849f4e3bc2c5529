export * from "./contracts.js";
export * from "./ids.js";
export * from "./password.js";
export * from "./roles.js";
export * from "./time-zone.js";
