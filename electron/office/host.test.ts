import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pendingEncryption } from '../db/encrypt-in-place';
import { newDatabaseKey } from '../db/cipher';
import { createTestCtx } from '../testing/test-db';
import { NAMED_AT_START, officeHost } from './host';

function desktop() {
  const ctx = createTestCtx();
  onTestFinished(() => ctx.close());
  const remembered: string[] = [];
  const app = {
    namedAtStart: false,
    rememberDatabase: (file: string) => remembered.push(file),
    restart: () => true,
  };
  return { ctx, remembered, app };
}

describe('where a joining desktop puts the office’s copy', () => {
  it('writes it in a new folder beside the database, remembers it and restarts', () => {
    const { ctx, remembered, app } = desktop();
    const target = officeHost(app).joinedFile(ctx);
    expect(target).toEqual({
      file: path.join(
        path.dirname(ctx.databasePath),
        'claimdesk-office-2026-03-16T15-00-00-000Z',
        'claimdesk.sqlite',
      ),
    });
    const file = 'file' in target ? target.file : '';
    expect(officeHost(app).switchTo(file, ctx)).toBe(true);
    expect(remembered).toEqual([file]);
    // a plain desktop's copy stays plain, as its own database was
    expect(pendingEncryption(file)).toBeNull();
  });

  it('asks for the copy to be encrypted at its first start when this desktop’s database is', () => {
    const { ctx, app } = desktop();
    const keyed = { ...ctx, databaseKey: newDatabaseKey() };
    const target = officeHost(app).joinedFile(keyed);
    const file = 'file' in target ? target.file : '';
    // as after the download, which made the folder
    fs.mkdirSync(path.dirname(file), { recursive: true });
    officeHost(app).switchTo(file, keyed);
    expect(pendingEncryption(file)).toMatchObject({ backupId: null, requestedBy: ctx.userId });
  });

  it('refuses when the database was named at start, which a restart would open again', () => {
    const { ctx, app } = desktop();
    expect(officeHost({ ...app, namedAtStart: true }).joinedFile(ctx)).toEqual({
      refused: NAMED_AT_START,
    });
  });
});
