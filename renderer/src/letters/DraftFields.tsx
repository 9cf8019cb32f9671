import { Alert, Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { AppealDraft, DraftField } from '../../../shared/api/letters';
import { Section } from '../components/Section';
import { blockShowing, ENCLOSURE_FIELD, placeholderMark, type BlockTexts } from './draft-state';

export function fieldName(field: DraftField): string {
  return field.label.trim();
}

function MissingValue({
  field,
  block,
  onFind,
}: {
  field: DraftField;
  block: number | null;
  onFind: ((index: number) => void) | null;
}) {
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" c={field.required ? 'red.8' : 'orange.9'} fw={500}>
        No data: prints as <span className="tabular">{placeholderMark(field)}</span>
      </Text>
      {field.key === ENCLOSURE_FIELD ? (
        <Text size="xs" c="dimmed">
          Tick what you enclose below.
        </Text>
      ) : onFind === null ? null : block !== null ? (
        <Anchor component="button" type="button" size="xs" onClick={() => onFind(block)}>
          Write it in the letter
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed">
          Comes from the account; correct it there.
        </Text>
      )}
    </Group>
  );
}

/**
 * What the template's placeholders got from the account. Missing ones are highlighted,
 * required ones in red, each with where to fix it: in the letter text, the enclosure
 * checklist, or the account itself (the app never makes a value up).
 */
export function DraftFields({
  draft,
  texts,
  missing,
  onFind,
}: {
  draft: AppealDraft;
  texts: BlockTexts;
  missing: DraftField[];
  /** Null once the letter is filed: nothing is written in any more. */
  onFind: ((index: number) => void) | null;
}) {
  const stillMissing = new Set(missing.map((f) => f.key));
  const requiredMissing = missing.filter((f) => f.required);
  return (
    <Section
      title="Letter fields"
      id="fields-title"
      actions={
        <Text size="xs" c="dimmed">
          {missing.length === 0
            ? 'All fields have data'
            : `${missing.length} without data${requiredMissing.length > 0 ? `, ${requiredMissing.length} required` : ''}`}
        </Text>
      }
    >
      {requiredMissing.length > 0 && (
        <Alert color="red" p="xs" mb="xs" title="Required before the letter goes out" role="status">
          <Text size="sm">
            {requiredMissing.map(fieldName).join(', ')}{' '}
            {requiredMissing.length === 1 ? 'has' : 'have'} no data. Missing values print in
            brackets; write them into the letter or correct the account first.
          </Text>
        </Alert>
      )}
      <Table aria-label="Letter fields" withRowBorders={false} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="34%">Field</Table.Th>
            <Table.Th>Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.fields.map((f) => {
            const gap = f.value === null && stillMissing.has(f.key);
            const writtenIn = f.value === null && !gap;
            return (
              <Table.Tr
                key={f.key}
                data-missing={gap ? (f.required ? 'required' : 'optional') : undefined}
                bg={gap ? (f.required ? 'red.0' : 'yellow.0') : undefined}
                style={
                  gap
                    ? {
                        boxShadow: `inset 3px 0 0 var(--mantine-color-${f.required ? 'red-7' : 'yellow-6'})`,
                      }
                    : undefined
                }
              >
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={gap ? 600 : undefined} truncate="end" title={f.key}>
                      {fieldName(f)}
                    </Text>
                    {f.required && (
                      <Badge size="xs" variant="outline" color={gap ? 'red' : 'gray'} tt="none">
                        required
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {gap ? (
                    <MissingValue field={f} block={blockShowing(draft, texts, f)} onFind={onFind} />
                  ) : writtenIn ? (
                    <Text size="sm" c="green.8">
                      {f.key === ENCLOSURE_FIELD
                        ? 'From the checklist below'
                        : 'Written in the letter'}
                    </Text>
                  ) : (
                    <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
                      {f.value}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Section>
  );
}
