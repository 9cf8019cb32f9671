import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The marker @electron/fuses searches an Electron binary for; the fuse wire follows it. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse states as bytes on the wire (@electron/fuses FuseState). */
export const FUSE_ENABLED = 0x31;
export const FUSE_DISABLED = 0x30;

/**
 * The stand-in's fuse wire before packing (1 on, 0 off), Electron's documented defaults in
 * @electron/fuses FuseV1Options order: RunAsNode,
 * EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges, WasmTrapHandlers.
 */
export const SHIPPED_FUSE_WIRE = '101100011';

/**
 * Writes a stand-in for an unpacked Linux Electron distribution into `dir`, for
 * electron-builder's `electronDist`: all a `--dir` build copies is the folder, renames the
 * `electron` executable after the app and flips the fuses in it. The executable is a shell
 * script that exits at once, followed by the sentinel, wire version 1, the wire's length and
 * the wire, which is all @electron/fuses reads or writes.
 */
export function writeElectronStandIn(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, SHIPPED_FUSE_WIRE.length]),
    Buffer.from(SHIPPED_FUSE_WIRE, 'latin1'),
  ]);
  const executable = path.join(dir, 'electron');
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), wire]));
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in for the Electron licence\n');
  writeFileSync(path.join(dir, 'version'), '45.4.1');
}
