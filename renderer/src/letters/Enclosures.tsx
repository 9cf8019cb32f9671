import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Section } from '../components/Section';

const MAX_ENCLOSURES = 30;
const MAX_LENGTH = 200;

/**
 * What goes in the envelope with the letter. The template suggests; only what is ticked
 * is listed in the letter. Added items start ticked.
 */
export function Enclosures({
  suggested,
  extra,
  chosen,
  readOnly,
  onChange,
}: {
  suggested: readonly string[];
  extra: readonly string[];
  chosen: readonly string[];
  readOnly: boolean;
  onChange: (next: { extra: string[]; chosen: string[] }) => void;
}) {
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const all = [...suggested, ...extra];
  const toggle = (item: string, on: boolean) =>
    onChange({
      extra: [...extra],
      // keep the checklist's order, which is the order they are listed in the letter
      chosen: all.filter((i) => (i === item ? on : chosen.includes(i))),
    });
  const add = (e: FormEvent) => {
    e.preventDefault();
    const item = adding.trim().replace(/\s+/g, ' ');
    if (!item) return setProblem('Type what you are enclosing.');
    if (item.length > MAX_LENGTH) return setProblem(`Keep it under ${MAX_LENGTH} characters.`);
    if (all.some((i) => i.toLowerCase() === item.toLowerCase()))
      return setProblem('That is already on the list.');
    if (all.length >= MAX_ENCLOSURES)
      return setProblem(`A letter lists at most ${MAX_ENCLOSURES} enclosures.`);
    setProblem(null);
    setAdding('');
    onChange({ extra: [...extra, item], chosen: [...chosen, item] });
  };
  return (
    <Section
      title="Enclosures"
      id="enclosures-title"
      actions={
        <Text size="xs" c="dimmed">
          {chosen.length} of {all.length} enclosed
        </Text>
      }
    >
      <Stack gap={6}>
        {all.length === 0 && (
          <Text size="sm" c="dimmed">
            The template suggests none.
          </Text>
        )}
        {all.map((item) => (
          <Checkbox
            key={item}
            label={item}
            checked={chosen.includes(item)}
            disabled={readOnly}
            onChange={(e) => toggle(item, e.currentTarget.checked)}
          />
        ))}
        {!readOnly && (
          <form onSubmit={add} noValidate aria-label="Add an enclosure">
            <Group gap="xs" align="flex-start" mt={4}>
              <TextInput
                label="Add enclosure"
                placeholder="e.g. Operative report dated 02/14/2026"
                value={adding}
                onChange={(e) => {
                  setAdding(e.currentTarget.value);
                  setProblem(null);
                }}
                error={problem}
                style={{ flex: 1 }}
              />
              <Button type="submit" variant="default" mt={25}>
                Add
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Section>
  );
}
