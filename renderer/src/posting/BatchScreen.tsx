import { Button, Grid, Group, Stack, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { keys, messageOf } from '../app/query';
import { cashPath, navigate } from '../app/router';
import { MethodTotals } from '../components/MethodTotals';
import { Section } from '../components/Section';
import { ErrorState, LoadingState } from '../components/States';
import { BatchHeader } from './BatchHeader';
import { EobEntry } from './EobEntry';
import { PatientPaymentEntry } from './PatientPaymentEntry';
import { ReceiptsTable } from './ReceiptsTable';

/** One deposit batch: post into it until the difference is $0.00, then close it. */
export function BatchScreen({ batchId }: { batchId: number }) {
  const view = useQuery({
    queryKey: keys.batch(batchId),
    queryFn: () => api.getBatch({ batchId }),
  });
  if (view.isPending) return <LoadingState label="Opening the batch…" />;
  if (view.isError)
    return (
      <ErrorState
        title="The batch could not be opened"
        message={messageOf(view.error)}
        onRetry={() => navigate('/posting')}
        retryLabel="Back to the batches"
      />
    );
  const { batch, receipts, byMethod } = view.data;
  const open = batch.status === 'open';
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Button variant="default" onClick={() => navigate('/posting')}>
          ← All batches
        </Button>
        <Button variant="default" onClick={() => navigate(cashPath(batch.depositDate))}>
          Cash summary for this day
        </Button>
      </Group>
      <BatchHeader batch={batch} />
      {open && (
        <Section title="Post into this batch" id="post-title">
          <Tabs defaultValue="patient" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="patient">Patient payment</Tabs.Tab>
              <Tabs.Tab value="eob">Insurance EOB</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="patient">
              <PatientPaymentEntry batch={batch} />
            </Tabs.Panel>
            <Tabs.Panel value="eob">
              <EobEntry batch={batch} />
            </Tabs.Panel>
          </Tabs>
        </Section>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <Section title="Payments" id="receipts-title">
            <ReceiptsTable receipts={receipts} open={open} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Section title="Totals by method" id="method-totals-title">
            <MethodTotals totals={byMethod} label="Batch totals by method" />
          </Section>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
