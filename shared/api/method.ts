import type { z } from 'zod';

/**
 * How dispatch runs a method: a read gets a handle that cannot write; a write runs in one
 * BEGIN IMMEDIATE transaction with the account upkeep at commit; a long write runs as
 * steps in one transaction, so its progress can be asked and it can be cancelled.
 */
export type Access = 'read' | 'write' | 'long';

/**
 * Who may call a method. The check is dispatch's, from this, before the handler runs.
 * 'permitted': a supervisor, or a representative a supervisor has given the permission.
 */
export type Role = 'anyone' | 'supervisor' | 'permitted';

/** What a supervisor may allow one representative beyond the role; a supervisor has them all. */
export const PERMISSIONS = ['run_statements'] as const;
export type Permission = (typeof PERMISSIONS)[number];
/** Completes "… may …" and "You need a supervisor's permission to …". */
export const PERMISSION_LABELS: Record<Permission, string> = { run_statements: 'run statements' };

export interface Method<I extends z.ZodType, O, A extends Access = Access> {
  input: I;
  access: A;
  role: Role;
  /** What a supervisor-only method does, as the refusal says it: "change the facility details". */
  action?: string;
  /** For role 'permitted': the permission a representative needs. */
  permission?: Permission;
  /** Carries the output type only; never set. */
  output?: O;
}

/** A domain's methods, as its slice of the contract lists them. */
export type MethodGroup = Record<string, Method<z.ZodType, unknown>>;

/** What a write that creates one row returns. */
export interface Created {
  id: number;
}

function method<O, A extends Access>(access: A) {
  return <I extends z.ZodType>(
    input: I,
    who?: { action: string } | { permission: Permission },
  ): Method<I, O, A> => {
    if (!who) return { input, access, role: 'anyone' };
    if ('permission' in who) return { input, access, role: 'permitted', ...who };
    return { input, access, role: 'supervisor', action: who.action };
  };
}

/** A method that only reads. */
export const read = <O>() => method<O, 'read'>('read');
/** A method that writes, in one transaction. */
export const write = <O>() => method<O, 'write'>('write');
/** A write too long for one blocking request (a large import, a statement run). */
export const long = <O>() => method<O, 'long'>('long');

/** Marks a method only a supervisor may call; `action` completes "Only a supervisor can …". */
export const supervisor = (action: string) => ({ action });

/** Marks a method a supervisor may call, and a representative they have allowed to. */
export const permitted = (permission: Permission) => ({ permission });
