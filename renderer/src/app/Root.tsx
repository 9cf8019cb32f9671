import { MantineProvider } from '@mantine/core';
import { AccessGate } from '../lock/AccessGate';
import { QueryClientProvider } from '@tanstack/react-query';
import { Shell } from './Shell';
import { queryClient } from './query';
import { theme } from './theme';

export function Root() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AccessGate>
          <Shell />
        </AccessGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
