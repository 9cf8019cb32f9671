import { Badge, Group, NavLink, Stack, Text } from '@mantine/core';
import type { TemplateKindName, TemplateSummary } from '../../../shared/api/templates';

export const KIND_LABEL: Record<TemplateKindName, string> = {
  appeal: 'Appeal letters',
  'medicare-redetermination': 'Medicare redetermination',
  'corrected-claim': 'Corrected claims',
  'patient-letter': 'Patient letters',
  statement: 'Statements',
};

const KIND_ORDER = Object.keys(KIND_LABEL) as TemplateKindName[];

export function inUseName(t: TemplateSummary): string {
  if (t.copyInUse === null) return 'Shipped text';
  return t.copies.find((c) => c.copyId === t.copyInUse)?.name ?? 'An office copy';
}

/**
 * Every template by kind, with the version in use; the chosen template opens to show its
 * shipped text and its copies.
 */
export function TemplateList({
  templates,
  templateId,
  copyId,
  onSelect,
}: {
  templates: TemplateSummary[];
  templateId: string | null;
  copyId: number | null;
  onSelect: (templateId: string, copyId: number | null) => void;
}) {
  return (
    <Stack gap="sm" component="nav" aria-label="Templates">
      {KIND_ORDER.map((kind) => {
        const ofKind = templates.filter((t) => t.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <Stack gap={0} key={kind} role="group" aria-label={KIND_LABEL[kind]}>
            <Text size="xs" fw={700} c="gray.7" tt="uppercase" px="xs" mb={2}>
              {KIND_LABEL[kind]}
            </Text>
            {ofKind.map((t) => {
              const open = t.templateId === templateId;
              return (
                <NavLink
                  key={t.templateId}
                  label={t.title}
                  description={`In use: ${inUseName(t)}`}
                  active={open && copyId === null}
                  opened={open}
                  onClick={() => onSelect(t.templateId, null)}
                  childrenOffset={16}
                  aria-current={open && copyId === null ? 'page' : undefined}
                >
                  {t.copies.length === 0
                    ? undefined
                    : t.copies.map((c) => (
                        <NavLink
                          key={c.copyId}
                          label={
                            <Group gap={4} wrap="nowrap">
                              <Text size="sm" truncate="end">
                                {c.name}
                              </Text>
                              {c.inUse && (
                                <Badge size="xs" variant="light" color="green" tt="none">
                                  in use
                                </Badge>
                              )}
                              {!c.valid && (
                                <Badge size="xs" variant="light" color="red" tt="none">
                                  errors
                                </Badge>
                              )}
                            </Group>
                          }
                          description={`Copy, changed by ${c.updatedBy}`}
                          active={copyId === c.copyId}
                          aria-current={copyId === c.copyId ? 'page' : undefined}
                          onClick={() => onSelect(t.templateId, c.copyId)}
                        />
                      ))}
                </NavLink>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}
