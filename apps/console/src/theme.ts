import { createTheme } from '@mantine/core';

/** Mantine's defaults, with a primary shade dark enough for AA contrast of white text on buttons. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'sm',
});
