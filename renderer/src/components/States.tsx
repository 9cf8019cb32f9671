import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function LoadingState({ label }: { label: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function ErrorState(props: {
  title: string;
  message: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <Alert color="red" title={props.title} role="alert" maw={640} mx="auto" my="lg">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{props.message}</Text>
        {props.onRetry && (
          <Button size="xs" variant="outline" color="red" onClick={props.onRetry}>
            {props.retryLabel ?? 'Try again'}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4} maw={480}>
        <Title order={3} size="h5">
          {props.title}
        </Title>
        {props.children && (
          <Text size="sm" c="dimmed" ta="center">
            {props.children}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
