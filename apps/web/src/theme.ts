import { Anchor, type CSSVariablesResolver, createTheme, type MantineColorsTuple } from "@mantine/core";

/**
 * A deep, quiet teal. Shade 7 carries white text at 5.8:1 in light mode and shade 8 at 7.6:1 in
 * dark mode, so filled buttons and links pass WCAG AA in both schemes.
 */
const lantern: MantineColorsTuple = [
  "#e7f5f3",
  "#cdeae6",
  "#9dd4cc",
  "#69bdb2",
  "#3fa89c",
  "#24998c",
  "#15877b",
  "#0e7268",
  "#0a5e56",
  "#064a44",
];

export const theme = createTheme({
  primaryColor: "lantern",
  primaryShade: { light: 7, dark: 8 },
  colors: { lantern },
  defaultRadius: "md",
  cursorType: "pointer",
  focusRing: "auto",
  respectReducedMotion: true,
  headings: { fontWeight: "650", textWrap: "balance" },
  components: {
    // Links sit inside sentences, so colour alone does not set them apart (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: "always" } }),
  },
});

/**
 * Mantine's default dimmed text (gray 6 on white, dark 2 on dark 7) and error red (red 6 / red 8)
 * fall below 4.5:1. These replacements pass AA and keep the error colour softer in dark mode.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-body": "#f7f6f3",
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-6)",
  },
  dark: {
    // Tints instead of Mantine's near-black "light" backgrounds: quieter, and text on them stays above 7:1.
    "--mantine-color-lantern-light": "rgba(63, 168, 156, 0.16)",
    "--mantine-color-lantern-light-hover": "rgba(63, 168, 156, 0.24)",
    "--mantine-color-red-light": "rgba(255, 135, 135, 0.12)",
    "--mantine-color-red-light-hover": "rgba(255, 135, 135, 0.18)",
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-error": "var(--mantine-color-red-4)",
    "--mantine-color-placeholder": "var(--mantine-color-dark-2)",
  },
});
