import { describe, expect, it } from 'vitest';
import { describeErrors, parseTemplate } from './template-parse';

const FRONT = `---
id: test-letter
kind: appeal
title: Test
categories: eligibility
level: 1
reference: patient_name, member_id
required: member_id
suggested-enclosures:
  - Insurance card
---
`;

describe('parseTemplate', () => {
  it('reads front matter, paragraphs, lists, headings and block placeholders', () => {
    const result = parseTemplate(
      `${FRONT}Dear {{payer_name}}:\n\nThe member {{patient_name}}\nhas ID {{member_id}}.\n\n# Grounds\n\n- one\n- two\n  continued\n\n{{denial_codes}}\n`,
    );
    if (!result.ok) throw new Error(describeErrors(result.errors));
    const t = result.template;
    expect(t.id).toBe('test-letter');
    expect(t.categories).toEqual(['eligibility']);
    expect(t.level).toBe(1);
    expect(t.reference).toEqual(['patient_name', 'member_id']);
    expect(t.suggestedEnclosures).toEqual(['Insurance card']);
    expect(t.body.map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'heading',
      'list',
      'block',
    ]);
    expect(t.body[1]).toMatchObject({ text: 'The member {{patient_name}} has ID {{member_id}}.' });
    expect(t.body[3]).toMatchObject({ items: ['one', 'two continued'] });
    expect(t.placeholders).toEqual(['payer_name', 'patient_name', 'member_id', 'denial_codes']);
  });

  it('names the valid placeholders when one is unknown, with its line', () => {
    const result = parseTemplate(`${FRONT}Dear reviewer,\n\nMember {{member_number}}.\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(14);
    expect(result.errors[0]!.message).toContain('{{member_number}}');
    expect(result.errors[0]!.message).toContain('member_id');
    expect(result.errors[0]!.message).toContain('payer_claim_number');
  });

  it('reports front-matter mistakes with line numbers', () => {
    const result = parseTemplate(
      `---\nid: Bad Id\nkind: memo\ntitle: x\nlevel: 3\ncolour: blue\nrequired: member_idd\n---\nText {{member_id\n`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byLine = result.errors.map((e) => [e.line, e.message.split(' ')[0]]);
    expect(byLine).toEqual(
      expect.arrayContaining([
        [2, 'id'],
        [3, 'Unknown'],
        [5, 'level'],
        [6, 'Unknown'],
        [7, 'Unknown'],
        [9, 'Unbalanced'],
      ]),
    );
  });

  it('rejects a table placeholder inside a sentence and unclosed front matter', () => {
    const inline = parseTemplate(`${FRONT}See {{service_lines}} here.\n`);
    expect(inline.ok).toBe(false);
    if (!inline.ok) expect(inline.errors[0]!.message).toContain('stand alone');
    const open = parseTemplate('---\nid: x\n');
    expect(open.ok).toBe(false);
    const none = parseTemplate('Dear sir');
    expect(none.ok).toBe(false);
  });

  it('requires every statement section exactly once', () => {
    const result = parseTemplate(
      '---\nid: s\nkind: statement\ntitle: S\nrecipient: guarantor\n---\n# message-self-pay\n\nHi.\n\n# message-curent\n\nX.\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = describeErrors(result.errors);
    expect(text).toContain('Unknown statement section "message-curent"');
    expect(text).toContain('Missing statement sections: message-insurance-pending');
  });
});
