import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { AccessGate } from '../lock/AccessGate';
import { QueryClientProvider } from '@tanstack/react-query';
import { Shell } from './Shell';
import { queryClient } from './query';
import { theme } from './theme';

export function Root() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        {/* bottom left: the right-hand column holds the account's Log call and History,
            and a note at the left edge cannot run off the window */}
        <Notifications position="bottom-left" limit={3} containerWidth={400} />
        <AccessGate>
          <Shell />
        </AccessGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
