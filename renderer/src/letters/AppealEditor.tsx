import { Badge, Button, Grid, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppealDraft } from '../../../shared/api/letters';
import type { DocumentView, PdfFile } from '../../../shared/api/documents';
import type { DenialView } from '../../../shared/api/denials';
import type { FollowUpView } from '../../../shared/api/accounts';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { accountPath, navigate } from '../app/router';
import { FormError } from '../components/FormError';
import { EmptyState } from '../components/States';
import { DocumentWarnings } from '../documents/DocumentWarnings';
import { useDocumentFile } from '../documents/queries';
import { ConfirmModal } from './ConfirmModal';
import { DraftFields, fieldName } from './DraftFields';
import {
  emptyBlocks,
  letterInput,
  originalTexts,
  placeholderMark,
  stillMissing,
  type BlockTexts,
} from './draft-state';
import { Enclosures } from './Enclosures';
import { LetterBlocks, type BlockRefs } from './LetterBlocks';
import { refreshAfterFiling } from './refresh';
import { TemplatePicker } from './TemplatePicker';
import { FiledLetter, LetterPreview } from './LetterPanel';

/** Sticky panels sit below the app's header and the editor's toolbar. */
const TOOLBAR_TOP = 'var(--app-shell-header-height, 52px)';

type Confirm =
  | { kind: 'generate' }
  | { kind: 'late' }
  | { kind: 'leave' }
  | { kind: 'template'; templateId: string };

/** Generating asks first about required gaps, then about a passed deadline. */
type GenerateStep = 'start' | 'gaps-accepted' | 'late-confirmed';

/**
 * One letter being finished: fields, wording and enclosures on the left, the PDF on the
 * right (a preview until it is generated, then the filed document), then sending it.
 */
export function AppealEditor({
  draft,
  today,
  denial,
  followUp,
  onChooseTemplate,
  onStartOver,
}: {
  draft: AppealDraft;
  today: IsoDate;
  denial: DenialView | undefined;
  followUp: FollowUpView | undefined;
  onChooseTemplate: (templateId: string) => void;
  onStartOver: () => void;
}) {
  const [texts, setTexts] = useState<BlockTexts>(() => originalTexts(draft));
  const [extra, setExtra] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  // optional arguments assert facts the data cannot show, so each starts off
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set());
  const [preview, setPreview] = useState<{ key: string; file: PdfFile } | null>(null);
  const [filed, setFiled] = useState<DocumentView | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  // one Map for the editor's life; the text fields register themselves in it
  const [refs] = useState<BlockRefs>(() => new Map());

  const input = letterInput(draft, texts, chosen, ticked);
  const inputKey = JSON.stringify(input);
  const dirty = input.edits.length > 0 || chosen.length > 0 || ticked.size > 0;
  const empty = emptyBlocks(draft, texts, ticked);
  const missing = stillMissing(draft, texts, chosen, ticked);
  const requiredMissing = missing.filter((f) => f.required);
  const locked = filed !== null;

  const previewing = useMutation({
    mutationFn: (letter: { key: string; input: typeof input }) => api.previewAppeal(letter.input),
    onSuccess: (file, letter) => setPreview({ key: letter.key, file }),
  });
  const generating = useMutation({
    mutationFn: (confirmLate: boolean) => api.generateAppeal({ ...input, confirmLate }),
    onSuccess: async (doc) => {
      setFiled(doc);
      await refreshAfterFiling();
    },
  });
  const filedFile = useDocumentFile(filed?.documentId ?? null);

  const runPreview = () => {
    if (locked || empty.length > 0 || previewing.isPending) return;
    previewing.mutate({ key: inputKey, input });
  };
  const runGenerate = (step: GenerateStep = 'start') => {
    if (locked || empty.length > 0 || generating.isPending) return;
    if (step === 'start' && requiredMissing.length > 0) setConfirm({ kind: 'generate' });
    else if (step !== 'late-confirmed' && draft.late) setConfirm({ kind: 'late' });
    else generating.mutate(step === 'late-confirmed');
  };
  const leave = (checked = false) => {
    if (!checked && dirty && !locked) setConfirm({ kind: 'leave' });
    else navigate(accountPath(draft.accountId));
  };
  const chooseTemplate = (templateId: string) => {
    if (dirty) setConfirm({ kind: 'template', templateId });
    else onChooseTemplate(templateId);
  };
  const findBlock = (index: number) => {
    const el = refs.get(index);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
    const field = missing.find((f) => el.value.includes(placeholderMark(f)));
    if (field) {
      const at = el.value.indexOf(placeholderMark(field));
      el.setSelectionRange(at, at + placeholderMark(field).length);
    }
  };

  // typing in the letter is where Ctrl+Enter is wanted most, so text fields do not block it
  useHotkeys(
    [
      ['mod+Enter', runPreview],
      ['mod+shift+Enter', () => runGenerate()],
    ],
    [],
  );
  useHotkeys([['Escape', () => confirm === null && leave()]]);

  const stale = preview !== null && preview.key !== inputKey;
  // the fields table already says, and keeps current, which placeholders lack data
  const marks = draft.fields.map(placeholderMark);
  const otherWarnings = draft.warnings.filter((w) => !marks.some((m) => w.includes(m)));
  const doc = filed;
  return (
    <Stack gap="md">
      <Paper
        withBorder
        p="xs"
        radius="sm"
        style={{ position: 'sticky', top: TOOLBAR_TOP, zIndex: 5 }}
        role="toolbar"
        aria-label="Letter actions"
      >
        <Group justify="space-between" wrap="nowrap">
          {locked ? (
            <Text size="sm">
              This letter is filed. To send different wording, draft another letter; it is filed
              beside this one.
            </Text>
          ) : (
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="light"
                onClick={runPreview}
                loading={previewing.isPending}
                disabled={empty.length > 0}
                title="Preview (Ctrl+Enter)"
              >
                {preview ? 'Update preview' : 'Preview'}
              </Button>
              <Button
                onClick={() => runGenerate()}
                loading={generating.isPending}
                disabled={empty.length > 0}
                title="Generate the PDF and file it on the account (Ctrl+Shift+Enter)"
              >
                Generate and file
              </Button>
              <Text size="xs" c="dimmed" visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
                <Kbd size="xs">Ctrl+Enter</Kbd> preview · <Kbd size="xs">Ctrl+Shift+Enter</Kbd>{' '}
                generate · <Kbd size="xs">Esc</Kbd> back
              </Text>
            </Group>
          )}
          <Group gap="xs" wrap="nowrap">
            {locked ? (
              <Badge color="green" variant="light" tt="none" size="lg">
                Filed on the account
              </Badge>
            ) : (
              <Badge color="gray" variant="light" tt="none" size="lg">
                Draft, not filed
              </Badge>
            )}
            {locked && (
              <Button variant="default" onClick={onStartOver}>
                Draft another letter
              </Button>
            )}
            <Button variant="default" onClick={() => leave()}>
              ← Back to the account
            </Button>
          </Group>
        </Group>
        {empty.length > 0 && (
          <Text size="sm" c="red" mt={4} role="alert">
            A paragraph is empty; reword it before previewing or generating.
          </Text>
        )}
        <FormError error={previewing.error ?? generating.error} />
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <Paper withBorder p="sm" radius="sm">
              <TemplatePicker draft={draft} disabled={locked} onChoose={chooseTemplate} />
            </Paper>
            <DraftFields
              draft={draft}
              texts={texts}
              missing={missing}
              onFind={locked ? null : findBlock}
            />
            <DocumentWarnings warnings={otherWarnings} />
            <LetterBlocks
              draft={draft}
              texts={texts}
              missing={missing}
              readOnly={locked}
              refs={refs}
              ticked={ticked}
              onChange={(index, text) => setTexts((t) => ({ ...t, [index]: text }))}
              onToggle={(option, on) =>
                setTicked((t) => {
                  const next = new Set(t);
                  if (on) next.add(option);
                  else next.delete(option);
                  return next;
                })
              }
            />
            <Enclosures
              suggested={draft.suggestedEnclosures}
              extra={extra}
              chosen={chosen}
              readOnly={locked}
              onChange={(next) => {
                setExtra(next.extra);
                setChosen(next.chosen);
              }}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack
            gap="xs"
            style={{ position: 'sticky', top: `calc(${TOOLBAR_TOP} + 70px)` }}
            aria-label={locked ? 'Filed document' : 'Preview'}
            role="region"
          >
            {doc ? (
              <FiledLetter
                doc={doc}
                file={filedFile}
                today={today}
                denial={denial}
                followUp={followUp}
                onSent={setFiled}
              />
            ) : preview ? (
              <LetterPreview
                file={preview.file}
                stale={stale}
                updating={previewing.isPending}
                onUpdate={runPreview}
              />
            ) : (
              <Paper withBorder radius="sm" p="md">
                <EmptyState title="No preview yet">
                  Preview shows the letter exactly as it will print, with your changes. It files
                  nothing; Generate and file does.
                </EmptyState>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      {confirm?.kind === 'generate' && (
        <ConfirmModal
          title="Generate with required fields missing?"
          confirmLabel="Generate anyway"
          cancelLabel="Go back"
          confirmColor="orange"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            runGenerate('gaps-accepted');
          }}
        >
          <Text size="sm">
            {requiredMissing.map(fieldName).join(', ')}{' '}
            {requiredMissing.length === 1 ? 'has' : 'have'} no data and will print as{' '}
            {requiredMissing.map(placeholderMark).join(', ')}. The letter is filed as it is.
          </Text>
        </ConfirmModal>
      )}
      {confirm?.kind === 'late' && (
        <ConfirmModal
          title="Send an appeal after its deadline?"
          confirmLabel="Generate late appeal"
          cancelLabel="Go back"
          confirmColor="orange"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            runGenerate('late-confirmed');
          }}
        >
          <Text size="sm">
            The payer&apos;s deadline
            {draft.deadline ? ` of ${formatUsDate(draft.deadline as IsoDate)}` : ''} has passed. The
            letter says so and asks the payer to accept it for good cause. Check that the payer
            still accepts a late appeal and that the letter gives the reason.
          </Text>
        </ConfirmModal>
      )}
      {confirm?.kind === 'leave' && (
        <ConfirmModal
          title="Leave without filing?"
          confirmLabel="Leave"
          cancelLabel="Stay"
          confirmColor="red"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            leave(true);
          }}
        >
          <Text size="sm">Your changes to this letter have not been filed and will be lost.</Text>
        </ConfirmModal>
      )}
      {confirm?.kind === 'template' && (
        <ConfirmModal
          title="Switch template?"
          confirmLabel="Switch"
          cancelLabel="Keep this one"
          confirmColor="red"
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            const id = confirm.templateId;
            setConfirm(null);
            onChooseTemplate(id);
          }}
        >
          <Text size="sm">
            The other template has its own wording; your changes and ticked enclosures here will be
            lost.
          </Text>
        </ConfirmModal>
      )}
    </Stack>
  );
}
