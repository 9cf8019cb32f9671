import { createTheme } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { DATE_INPUT_DEFAULTS } from '../components/date-input';

/** Dense and calm: used eight hours a day. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    Table: { defaultProps: { verticalSpacing: 4, horizontalSpacing: 'xs', fz: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    DateInput: DateInput.extend({ defaultProps: DATE_INPUT_DEFAULTS }),
  },
});
