import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { messageOf } from '../app/query';

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

/**
 * A query's state while it has no data: loading, or why it failed with a way to try
 * again. `what` names the data as a sentence would ("the billing rules").
 */
export function QueryState({ query, what }: { query: UseQueryResult<unknown>; what: string }) {
  if (!query.isError) return <LoadingState label={`Loading ${what}…`} />;
  return (
    <ErrorState
      title={`${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`}
      message={messageOf(query.error)}
      onRetry={() => void query.refetch()}
    />
  );
}
