import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Mantine's defaults, with a primary shade dark enough for AA contrast of links on grey rows and of white text on buttons. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 9,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
  // Filled badges and buttons pick black or white text by their colour's luminance (yellow gets black).
  autoContrast: true,
});

const DARK_TEXT: Record<string, string> = {
  blue: '#0b4f8a',
  cyan: '#0b5563',
  green: '#1e5e2a',
  teal: '#09594a',
  red: '#9b1c1c',
  gray: '#343a40',
  indigo: '#2b3b9e',
  violet: '#4c2a9e',
  grape: '#6b1f7a',
  pink: '#8c1a4b',
  lime: '#3d5a0a',
  yellow: '#6b4100',
  orange: '#7a3000',
};

/** Dimmed text two shades darker than Mantine's default, so it keeps a 4.5:1 contrast on white (WCAG AA). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Text of light-variant badges and alerts: dark enough for 4.5:1 on their tinted backgrounds (Mantine's
    // shade 9 of green or yellow is not).
    ...Object.fromEntries(
      Object.entries(DARK_TEXT).map(([color, hex]) => [`--mantine-color-${color}-light-color`, hex]),
    ),
  },
  dark: {},
});
