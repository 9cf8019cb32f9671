import {
  Anchor,
  Badge,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppealDraft, DraftBlock, DraftField, DraftOption } from '../../../shared/api/letters';
import { Section } from '../components/Section';
import {
  isEditable,
  placeholderMark,
  type BlockTexts,
  type EditableBlock,
  type Ticked,
} from './draft-state';

/** Text fields by block index, so "Write it in the letter" can put the cursor there. */
export type BlockRefs = Map<number, HTMLInputElement | HTMLTextAreaElement>;

function marksIn(text: string, missing: readonly DraftField[]): string[] {
  return missing.map(placeholderMark).filter((m) => text.includes(m));
}

function EditableItem({
  block,
  number,
  text,
  missing,
  readOnly,
  refs,
  onChange,
}: {
  block: EditableBlock;
  number: number;
  text: string;
  missing: readonly DraftField[];
  readOnly: boolean;
  refs: BlockRefs;
  onChange: (text: string) => void;
}) {
  const edited = text !== block.text;
  const empty = text.trim() === '';
  const marks = marksIn(text, missing);
  const label = (
    <Group gap={6} component="span">
      <span>{block.type === 'heading' ? `Heading ${number}` : `Paragraph ${number}`}</span>
      {edited && (
        <Badge size="xs" variant="light" color="blue" tt="none" component="span">
          edited
        </Badge>
      )}
    </Group>
  );
  const error = empty
    ? `A ${block.type} cannot be left empty; the letter keeps every block, so reword it instead.`
    : undefined;
  const description =
    marks.length > 0 ? (
      <Text size="xs" c="orange.9" component="span">
        Still shows {marks.join(', ')}: replace it with the facts, or it prints as is.
      </Text>
    ) : undefined;
  const restore =
    edited && !readOnly ? (
      <Anchor
        component="button"
        type="button"
        size="xs"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => onChange(block.text)}
      >
        Undo my changes
      </Anchor>
    ) : null;
  const register = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    if (el) refs.set(block.index, el);
    else refs.delete(block.index);
  };
  return (
    <Stack gap={2}>
      {block.type === 'heading' ? (
        <TextInput
          ref={register}
          label={label}
          value={text}
          readOnly={readOnly}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          description={description}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          styles={{ input: { fontWeight: 600 } }}
        />
      ) : (
        <Textarea
          ref={register}
          label={label}
          value={text}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={14}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error}
          description={description}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
      )}
      {restore}
    </Stack>
  );
}

function FixedItem({ block }: { block: Exclude<DraftBlock, EditableBlock> }) {
  return (
    <Paper bg="gray.0" p="xs" radius="sm" withBorder role="group" aria-label="From the template">
      {block.type === 'list' ? (
        <>
          <Text size="xs" c="dimmed" mb={2}>
            List, printed as written in the template
          </Text>
          <List size="sm" spacing={2}>
            {block.items.map((item, i) => (
              <List.Item key={i}>{item}</List.Item>
            ))}
          </List>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Table: <b>{block.caption}</b>, filled from the claim when the letter is printed
        </Text>
      )}
    </Paper>
  );
}

/**
 * An argument that asserts a fact the account's data cannot show: a checkbox with its
 * hint, off until the representative ticks it, and its text only once it prints.
 */
function OptionalArgument({
  option,
  on,
  readOnly,
  onToggle,
  children,
}: {
  option: DraftOption;
  on: boolean;
  readOnly: boolean;
  onToggle: (on: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      role="group"
      aria-label={`Optional argument: ${option.label}`}
      style={{ borderStyle: on ? 'solid' : 'dashed' }}
    >
      <Stack gap="xs">
        <Checkbox
          label={
            <Group gap={6} component="span">
              <span>{option.label}</span>
              <Badge
                size="xs"
                variant="light"
                color={on ? 'blue' : 'gray'}
                tt="none"
                component="span"
              >
                {on ? 'printed' : 'not printed'}
              </Badge>
            </Group>
          }
          description={option.hint}
          checked={on}
          disabled={readOnly}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        {on && children}
      </Stack>
    </Paper>
  );
}

/**
 * The body of the letter in order. Paragraphs and headings are editable; lists and
 * tables print from the template and the claim. The address and the RE: line are shown
 * as they will print.
 */
export function LetterBlocks({
  draft,
  texts,
  missing,
  readOnly,
  refs,
  ticked,
  onChange,
  onToggle,
}: {
  draft: AppealDraft;
  texts: BlockTexts;
  missing: readonly DraftField[];
  readOnly: boolean;
  refs: BlockRefs;
  ticked: Ticked;
  onChange: (index: number, text: string) => void;
  onToggle: (option: string, on: boolean) => void;
}) {
  let paragraphs = 0;
  let headings = 0;
  const item = (b: DraftBlock) => {
    if (isEditable(b)) {
      const number = b.type === 'heading' ? ++headings : ++paragraphs;
      return (
        <EditableItem
          key={b.index}
          block={b}
          number={number}
          text={texts[b.index] ?? b.text}
          missing={missing}
          readOnly={readOnly}
          refs={refs}
          onChange={(text) => onChange(b.index, text)}
        />
      );
    }
    return <FixedItem key={b.index} block={b} />;
  };
  // consecutive blocks of one optional argument sit together under its checkbox
  const runs: { option: DraftOption | null; blocks: DraftBlock[] }[] = [];
  for (const b of draft.blocks) {
    const last = runs[runs.length - 1];
    if (last && b.option !== null && last.option?.id === b.option) last.blocks.push(b);
    else
      runs.push({
        option: draft.options.find((o) => o.id === b.option) ?? null,
        blocks: [b],
      });
  }
  return (
    <Section
      title="Letter text"
      id="letter-title"
      actions={
        <Text size="xs" c="dimmed">
          {readOnly ? 'Filed; read only' : 'Edit the wording before you preview or generate'}
        </Text>
      }
    >
      <Stack gap="sm">
        <Group align="flex-start" gap="xl" wrap="nowrap">
          <Stack gap={0} role="group" aria-label="Addressed to">
            <Text size="xs" c="dimmed">
              To
            </Text>
            {draft.recipient.map((line, i) => (
              <Text size="sm" key={i}>
                {line}
              </Text>
            ))}
          </Stack>
          <Stack gap={0} role="group" aria-label="Subject">
            <Text size="xs" c="dimmed">
              RE:
            </Text>
            <Text size="sm" fw={600}>
              {draft.subject}
            </Text>
          </Stack>
        </Group>
        {runs.map((run) => {
          if (!run.option) return run.blocks.map(item);
          const option = run.option;
          const on = ticked.has(option.id);
          return (
            <OptionalArgument
              key={`option-${run.blocks[0]?.index ?? 0}`}
              option={option}
              on={on}
              readOnly={readOnly}
              onToggle={(next) => onToggle(option.id, next)}
            >
              {on ? run.blocks.map(item) : null}
            </OptionalArgument>
          );
        })}
      </Stack>
    </Section>
  );
}
