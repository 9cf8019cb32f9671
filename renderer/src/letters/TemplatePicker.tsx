import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import type { AppealDraft } from '../../../shared/api/letters';
import type { TemplateSummary } from '../../../shared/api/templates';

const LEVEL = { 1: 'first level', 2: 'second level' } as const;

export function templateLabel(t: TemplateSummary): string {
  return t.title;
}

/**
 * The template for the denial's category and level comes preselected; any other letter
 * the representative may send instead is listed below it.
 */
export function TemplatePicker({
  draft,
  disabled,
  onChoose,
}: {
  draft: AppealDraft;
  disabled: boolean;
  onChoose: (templateId: string) => void;
}) {
  const suggested = draft.templates.filter((t) => t.templateId === draft.suggestedTemplateId);
  const others = draft.templates.filter((t) => t.templateId !== draft.suggestedTemplateId);
  const option = (t: TemplateSummary) => ({ value: t.templateId, label: templateLabel(t) });
  const data = [
    ...(suggested.length > 0
      ? [{ group: 'Suggested for this denial', items: suggested.map(option) }]
      : []),
    { group: suggested.length > 0 ? 'Other letters' : 'Letters', items: others.map(option) },
  ];
  const chosen = draft.templates.find((t) => t.templateId === draft.templateId);
  return (
    <Stack gap={4}>
      <Select
        label="Template"
        data={data}
        value={draft.templateId}
        onChange={(v) => v && v !== draft.templateId && onChoose(v)}
        allowDeselect={false}
        searchable
        disabled={disabled}
        maxDropdownHeight={360}
        comboboxProps={{ width: 'target' }}
      />
      {chosen && (
        <Group gap={6} wrap="wrap">
          {chosen.templateId === draft.suggestedTemplateId ? (
            <Badge size="xs" color="green" variant="light" tt="none">
              suggested
            </Badge>
          ) : (
            draft.suggestedTemplateId && (
              <Badge size="xs" color="orange" variant="light" tt="none">
                chosen instead of the suggestion
              </Badge>
            )
          )}
          {chosen.level && (
            <Badge size="xs" color="gray" variant="light" tt="none">
              {LEVEL[chosen.level]}
            </Badge>
          )}
          {chosen.copyInUse !== null && (
            <Badge size="xs" color="violet" variant="light" tt="none">
              office wording in use
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {chosen.description}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
