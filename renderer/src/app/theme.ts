import { DEFAULT_THEME, colorsTuple, createTheme, type MantineThemeColors } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { DATE_INPUT_DEFAULTS } from '../components/date-input';
import { paleBackgrounds, readablePalette } from './contrast';

// The light scheme's text shades at WCAG AA on every pale background (the dark palette
// is the dark scheme's own). Dimmed text is grey 6, so it reads too.
const readable = readablePalette(
  DEFAULT_THEME.colors,
  paleBackgrounds(DEFAULT_THEME.colors, ['dark']),
);
const colors = Object.fromEntries(
  Object.entries<string[]>(readable).map(([name, shades]) => [name, colorsTuple(shades)]),
) as MantineThemeColors;

/** Dense and calm: used eight hours a day. */
export const theme = createTheme({
  primaryColor: 'blue',
  colors,
  defaultRadius: 'sm',
  // people who ask their system for less motion get no fades or slides
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    // a link inside a sentence is told apart by more than its colour
    Anchor: { defaultProps: { underline: 'always' } },
    // modals and notifications close with a button that has only an icon
    CloseButton: { defaultProps: { 'aria-label': 'Close' } },
    // the hidden first-focus placeholder is not a menu item, which a menu may not hold
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    DateInput: DateInput.extend({ defaultProps: DATE_INPUT_DEFAULTS }),
  },
});
