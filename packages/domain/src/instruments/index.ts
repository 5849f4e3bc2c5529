export * from "./builtins.js";
export * from "./contracts.js";
export * from "./definition.js";
export * from "./fhir.js";
export * from "./scoring.js";
export * from "./scoring-only.js";
export * from "./weekly-self-rating.js";
