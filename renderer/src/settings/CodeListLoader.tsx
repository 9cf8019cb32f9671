import { Alert, Button, FileButton, Group, List, Select, Stack, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { CODE_KINDS, MAX_CODE_LIST_CHARACTERS } from '../../../shared/api/codes';
import { CODE_KIND_LABEL, type CodeKind } from '../../../shared/codes/code-list';
import { formatUsDate, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, messageOf } from '../app/query';
import { FormError } from '../components/FormError';

interface Picked {
  fileName: string;
  text: string;
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Loading a newer published code list: choose which list, its publication date and the
 * file; the preview says what would change before anything is written.
 */
export function CodeListLoader({ today }: { today: IsoDate }) {
  const [kind, setKind] = useState<CodeKind>('reason');
  const [published, setPublished] = useState<string | null>(null);
  const [file, setFile] = useState<Picked | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const resetPicker = useRef<() => void>(null);
  const input = () => ({
    kind,
    published: published ?? '',
    fileName: file?.fileName ?? '',
    text: file?.text ?? '',
  });
  const preview = useMutation({ mutationFn: () => api.previewCodeList(input()) });
  const load = useMutation({
    mutationFn: () => api.loadCodeList(input()),
    onSuccess: async (result) => {
      notifications.show({ color: result.loaded ? 'green' : 'blue', message: result.message });
      setFile(null);
      preview.reset();
      await invalidateAll();
    },
  });
  const changed = () => {
    preview.reset();
    load.reset();
  };
  const pick = async (picked: File | null) => {
    resetPicker.current?.();
    changed();
    setFile(null);
    setFileProblem(null);
    if (!picked) return;
    if (picked.size > MAX_CODE_LIST_CHARACTERS) {
      setFileProblem(`${picked.name} is larger than 2 MB; a code list is far smaller.`);
      return;
    }
    try {
      setFile({ fileName: picked.name, text: await picked.text() });
    } catch (e) {
      setFileProblem(messageOf(e));
    }
  };
  const errors = fieldErrors(preview.error ?? load.error);
  const p = preview.data;
  const canLoad = p !== undefined && p.problems.length === 0 && p.newerLoaded === null;

  return (
    <Stack gap="sm" maw={820}>
      <Text size="sm" c="dimmed">
        Download the current list from x12.org (Codes) under your office&apos;s X12 access and save
        it as CSV or tab-separated text with a header row: Code, Description, Start Date, Last
        Modified, Stop Date (dates as MM/DD/YYYY). Nothing is changed until you load it.
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="List"
          required
          data={CODE_KINDS.map((k) => ({ value: k, label: CODE_KIND_LABEL[k] }))}
          value={kind}
          onChange={(v) => {
            if (v === 'reason' || v === 'remark') setKind(v);
            changed();
          }}
          allowDeselect={false}
          w={330}
        />
        <DateInput
          label="Published"
          description="The date of the list, as x12.org shows it"
          required
          valueFormat="MM/DD/YYYY"
          maxDate={today}
          value={published}
          onChange={(v) => {
            setPublished(v && isIsoDate(v) ? v : null);
            changed();
          }}
          error={errors.published}
          w={200}
        />
        <FileButton
          onChange={(f) => void pick(f)}
          resetRef={resetPicker}
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          inputProps={{ 'aria-label': 'Code list file' }}
        >
          {(props) => (
            <Button {...props} variant="default">
              {file ? 'Choose another file…' : 'Choose the list file…'}
            </Button>
          )}
        </FileButton>
        <Button
          onClick={() => preview.mutate()}
          disabled={!file || !published}
          loading={preview.isPending}
        >
          Preview
        </Button>
      </Group>
      {file && (
        <Text size="sm">
          File: <strong>{file.fileName}</strong>
        </Text>
      )}
      {fileProblem && (
        <Alert color="red" title="That file cannot be read" role="alert">
          {fileProblem}
        </Alert>
      )}
      <FormError error={preview.error} fields={['published']} />
      {p && p.problems.length > 0 && (
        <Alert color="red" title="This file cannot be loaded" role="alert">
          <Stack gap={4}>
            <Text size="sm">Nothing will be changed. Correct the file and choose it again.</Text>
            <List size="sm">
              {p.problems.map((problem) => (
                <List.Item key={problem}>{problem}</List.Item>
              ))}
            </List>
          </Stack>
        </Alert>
      )}
      {p && p.problems.length === 0 && (
        <Stack gap="xs" role="region" aria-label="What loading this list would change">
          {p.newerLoaded && (
            <Alert color="red" title="A newer list is in effect" role="alert">
              The list in effect was published {formatUsDate(p.newerLoaded.published)}, after this
              one. An older list cannot replace it.
            </Alert>
          )}
          {p.alreadyLoaded && (
            <Alert color="blue" title="Already loaded">
              This file was loaded on{' '}
              {formatUsDate(p.alreadyLoaded.loadedAt.slice(0, 10) as IsoDate)} by{' '}
              {p.alreadyLoaded.byName}; loading it again changes nothing.
            </Alert>
          )}
          <Table withTableBorder fz="sm" aria-label="Changes in this list" maw={640}>
            <Table.Tbody>
              {(
                [
                  ['Codes in the file', p.codeCount, []],
                  ['New codes', p.added, p.samples.added],
                  ['Wording or dates changed', p.changed, p.samples.changed],
                  ['Newly stopped', p.stopped, p.samples.stopped],
                  ['Unchanged', p.unchanged, []],
                  ['In effect but not in the file (kept)', p.notInFile, []],
                ] as const
              ).map(([label, n, sample]) => (
                <Table.Tr key={label}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {n.toLocaleString('en-US')}
                  </Table.Td>
                  <Table.Td ff="monospace" c="dimmed">
                    {sample.join(' ')}
                    {sample.length < n && sample.length > 0 ? ' …' : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {p.uncategorized.length > 0 && (
            <Text size="sm">
              {plural(p.uncategorized.length, 'reason code', 'reason codes')} will count as denial
              category &quot;Other&quot; (the rules find nothing in the code or its wording):{' '}
              <Text span ff="monospace">
                {p.uncategorized.slice(0, 30).join(' ')}
                {p.uncategorized.length > 30 ? ' …' : ''}
              </Text>
            </Text>
          )}
          <FormError error={load.error} />
          <Group>
            <Button
              onClick={() => load.mutate()}
              disabled={!canLoad}
              loading={load.isPending}
              color="green"
            >
              Load {plural(p.codeCount, 'code', 'codes')}
            </Button>
            <Button variant="subtle" onClick={changed}>
              Cancel
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
