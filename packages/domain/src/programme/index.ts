export * from "./contracts.js";
export * from "./length-of-stay.js";
