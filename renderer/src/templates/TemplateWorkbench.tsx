import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type {
  TemplateProblem,
  TemplateSource,
  TemplateSummary,
} from '../../../shared/api/templates';
import { api } from '../app/api';
import { messageOf, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { PdfPreview } from '../documents/PdfPreview';
import { documentKeys } from '../documents/queries';
import '../documents/documents.css';

/** Long enough to finish a word, short enough to feel live. */
const PREVIEW_DELAY_MS = 500;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** How far down the text box a character sits, long lines wrapped as they are on screen. */
function offsetTop(el: HTMLTextAreaElement, position: number): number {
  const mirror = el.cloneNode() as HTMLTextAreaElement;
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.height = '0';
  mirror.style.minHeight = '0';
  mirror.style.width = `${el.clientWidth}px`;
  mirror.value = el.value.slice(0, position);
  el.parentElement?.append(mirror);
  const top = mirror.scrollHeight;
  mirror.remove();
  return top;
}

/** Puts the cursor on a line of the text and brings it into view. */
function goToLine(el: HTMLTextAreaElement | null, line: number): HTMLTextAreaElement | null {
  if (!el) return null;
  const lines = el.value.split('\n');
  const index = Math.max(0, Math.min(lines.length - 1, line - 1));
  const start = lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
  el.focus();
  el.setSelectionRange(start, start + (lines[index]?.length ?? 0));
  el.scrollTop = Math.max(0, offsetTop(el, start) - el.clientHeight / 3);
  return el;
}

/** "Unknown placeholder {{x}}. Valid placeholders: a, b, c…": the list folds away. */
function ProblemMessage({ message }: { message: string }) {
  const [open, setOpen] = useState(false);
  const at = message.search(/ Valid [a-z ]+: /);
  if (at < 0) return <>{message}</>;
  const head = message.slice(0, at);
  const tail = message.slice(at + 1);
  return (
    <>
      {head}{' '}
      <Anchor component="button" type="button" size="sm" onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide the valid names' : 'Show the valid names'}
      </Anchor>
      {open && (
        <Text size="xs" mt={2}>
          {tail}
        </Text>
      )}
    </>
  );
}

function Problems({
  problems,
  onGoTo,
}: {
  problems: TemplateProblem[];
  onGoTo: (line: number) => void;
}) {
  return (
    <Alert
      color="red"
      title={`${problems.length} problem${problems.length === 1 ? '' : 's'}: this text cannot be put in use`}
      role="alert"
      p="xs"
    >
      <List size="sm" spacing={4}>
        {problems.map((p, i) => (
          <List.Item key={`${p.line}:${i}`}>
            <Anchor
              component="button"
              type="button"
              size="sm"
              fw={600}
              className="tabular"
              onClick={() => onGoTo(p.line)}
              title={`Go to line ${p.line}`}
            >
              Line {p.line}
            </Anchor>
            : <ProblemMessage message={p.message} />
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/**
 * A template's text beside its preview on sample data. The shipped text is read only; a
 * copy is edited here, checked as it is typed (errors with their line numbers), saved,
 * and put in use only when it has no errors.
 */
export function TemplateWorkbench({
  summary,
  source,
  onMakeCopy,
}: {
  summary: TemplateSummary;
  source: TemplateSource;
  onMakeCopy: () => void;
}) {
  const isCopy = source.editable;
  // a representative reads an office copy as they read the shipped text
  const editable = isCopy && source.canChange;
  const [text, setText] = useState(source.text);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const [checked] = useDebouncedValue(text, PREVIEW_DELAY_MS);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const dirty = editable && text !== source.text;

  const preview = useQuery({
    queryKey: ['templatePreview', source.templateId, checked],
    queryFn: () => api.previewTemplate({ templateId: source.templateId, text: checked }),
    enabled: checked.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const current = preview.data !== undefined && !preview.isPlaceholderData && checked === text;
  const checking = text !== checked || preview.isFetching;
  const problems = current ? preview.data.errors : null;
  const hasErrors = problems !== null ? problems.length > 0 : source.errors.length > 0;

  const refreshList = (list?: TemplateSummary[]) => {
    if (list) queryClient.setQueryData(documentKeys.templates, list);
    return queryClient.invalidateQueries({ queryKey: documentKeys.templates });
  };
  const save = useMutation({
    mutationFn: () => {
      if (source.copyId === null) throw new Error('The shipped text cannot be changed.');
      return api.saveTemplateCopy({ copyId: source.copyId, text });
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(documentKeys.templateSource(saved.templateId, saved.copyId), saved);
      notifications.show({
        color: saved.errors.length > 0 ? 'yellow' : 'green',
        message:
          saved.errors.length > 0
            ? `${saved.name} saved, with problems to fix before it can be used.`
            : `${saved.name} saved.`,
      });
      await refreshList();
    },
  });
  const use = useMutation({
    mutationFn: async (copyId: number | null) => {
      // "use" means the text on screen: save it first when it has changed
      if (copyId !== null && dirty) await save.mutateAsync();
      return api.setTemplateInUse({ templateId: source.templateId, copyId });
    },
    onSuccess: async (list, copyId) => {
      notifications.show({
        color: 'green',
        message:
          copyId === null
            ? `${summary.title}: the shipped text is in use again.`
            : `${summary.title}: ${source.name} is now in use.`,
      });
      await Promise.all([
        refreshList(list),
        queryClient.invalidateQueries({ queryKey: ['templateSource', source.templateId] }),
      ]);
    },
  });

  useHotkeys(editable ? [['mod+S', () => dirty && !save.isPending && save.mutate()]] : [], []);

  const trackCaret = (el: HTMLTextAreaElement) => {
    const before = el.value.slice(0, el.selectionStart);
    setCaret({
      line: lineOf(el.value, el.selectionStart),
      column: before.length - before.lastIndexOf('\n'),
    });
  };
  const goTo = (line: number) => {
    const el = goToLine(textRef.current, line);
    // a selection made from script does not always raise "select"
    if (el) trackCaret(el);
  };
  const inUse = isCopy ? source.inUse : summary.copyInUse === null;
  const lineCount = text.split('\n').length;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          {inUse ? (
            <Badge color="green" variant="light" tt="none" size="lg">
              In use
            </Badge>
          ) : (
            <Badge color="gray" variant="light" tt="none" size="lg">
              Not in use
            </Badge>
          )}
          {isCopy ? (
            <Badge color="violet" variant="light" tt="none" size="lg">
              {editable ? 'Office copy' : 'Office copy, read only'}
            </Badge>
          ) : (
            <Badge color="gray" variant="outline" tt="none" size="lg">
              Shipped text, read only
            </Badge>
          )}
          {dirty && (
            <Badge color="orange" variant="light" tt="none" size="lg">
              Unsaved changes
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {!editable && source.canChange && (
            <Button variant="light" onClick={onMakeCopy}>
              Make a copy
            </Button>
          )}
          {editable && (
            <Button
              variant={dirty ? 'filled' : 'default'}
              onClick={() => save.mutate()}
              disabled={!dirty || text.trim() === ''}
              loading={save.isPending}
              title="Save (Ctrl+S)"
            >
              Save
            </Button>
          )}
          {editable && !source.inUse && (
            <Button
              color="green"
              onClick={() => use.mutate(source.copyId)}
              disabled={hasErrors || checking || text.trim() === ''}
              loading={use.isPending}
              title={
                hasErrors
                  ? 'Fix the problems listed first'
                  : checking
                    ? 'Checking the text…'
                    : undefined
              }
            >
              {dirty ? 'Save and use this copy' : 'Use this copy'}
            </Button>
          )}
          {source.canChange && summary.copyInUse !== null && (!editable || source.inUse) && (
            <Button variant="default" onClick={() => use.mutate(null)} loading={use.isPending}>
              Use shipped text
            </Button>
          )}
        </Group>
      </Group>
      <FormError error={save.error ?? use.error} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <Stack gap={4}>
            <Textarea
              ref={textRef}
              label={isCopy ? `Text of ${source.name}` : 'Shipped text'}
              description={
                editable
                  ? 'Front matter between the --- lines, then the letter. {{placeholders}} are filled from the account.'
                  : source.canChange
                    ? 'Make a copy to change the wording; the shipped text is never overwritten.'
                    : 'Only a supervisor can change the wording of a template.'
              }
              className="template-source"
              value={text}
              readOnly={!editable}
              onChange={(e) => {
                setText(e.currentTarget.value);
                trackCaret(e.currentTarget);
              }}
              onSelect={(e) => trackCaret(e.currentTarget)}
              spellCheck={editable}
              autosize={false}
              aria-invalid={problems !== null && problems.length > 0}
              styles={{
                input: {
                  height: 'calc(100vh - 330px)',
                  minHeight: 320,
                  // a red frame only: red text would be hard to read and edit
                  borderColor:
                    problems !== null && problems.length > 0
                      ? 'var(--mantine-color-red-6)'
                      : undefined,
                },
              }}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed" className="tabular" aria-live="off">
                Line {caret.line}, column {caret.column} · {lineCount} lines
              </Text>
              {editable && (
                <Text size="xs" c="dimmed">
                  Ctrl+S saves
                </Text>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm" fw={600}>
                Preview on sample data
              </Text>
              {checking ? (
                <Group gap={6} role="status">
                  <Loader size={12} />
                  <Text size="xs" c="dimmed">
                    Checking…
                  </Text>
                </Group>
              ) : problems && problems.length === 0 ? (
                <Text size="xs" c="green.8" role="status">
                  No problems found
                </Text>
              ) : null}
            </Group>
            {preview.isError && (
              <Alert color="red" p="xs" role="alert" title="The preview could not be made">
                {messageOf(preview.error)}
              </Alert>
            )}
            {problems && problems.length > 0 && <Problems problems={problems} onGoTo={goTo} />}
            {problems === null && source.errors.length > 0 && (
              <Problems problems={source.errors} onGoTo={goTo} />
            )}
            {preview.data?.pdf ? (
              <Box style={{ opacity: checking ? 0.6 : 1, transition: 'opacity 120ms' }}>
                <PdfPreview
                  file={preview.data.pdf}
                  label="Template preview"
                  maxHeight="calc(100vh - 320px)"
                />
              </Box>
            ) : preview.isPending && checked.trim() !== '' ? (
              <Paper withBorder p="md" radius="sm">
                <Text size="sm" c="dimmed">
                  Making the preview…
                </Text>
              </Paper>
            ) : (
              <Paper withBorder p="md" radius="sm">
                <Text size="sm" c="dimmed">
                  No preview while the text has errors.
                </Text>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
