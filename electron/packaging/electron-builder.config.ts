import type { Configuration } from 'electron-builder';

/**
 * The MSI's upgrade code: Windows Installer recognises a newer ClaimDesk MSI as an upgrade
 * of an installed one only by this GUID, and Group Policy or Intune deployments key on it.
 * It must NEVER change; a new value would install a second ClaimDesk beside the old one.
 */
export const MSI_UPGRADE_CODE = '0DCF99D3-6444-4EAD-8DF7-4523715E595A';

// Only the built app: the main bundle leaves electron, better-sqlite3 and pdfkit external
// (see electron/build.mjs), so node_modules holds the runtime "dependencies" only. Source
// maps stay out: they would ship the TypeScript sources inside every installer.
const appFiles = [
  'package.json',
  'electron/dist/main.mjs',
  'electron/dist/preload.cjs',
  'electron/dist/unlock-preload.cjs',
  // worker threads the main bundle starts from beside it: backups, statement rendering
  'electron/dist/snapshot-worker.mjs',
  'electron/dist/render-worker.mjs',
  'renderer/dist/**/*',
  '!renderer/dist/**/*.map',
  'templates/**/*',
  '!templates/README.md',
  '!**/*.{ts,mts,cts,map}',
  '!**/*.test.*',
  '!**/{test,tests,__tests__,example,examples}/**',
  // native sources and build leftovers: the loader tries build/Release before prebuilds/
  '!node_modules/better-sqlite3/{deps,src,build}/**',
  '!node_modules/better-sqlite3/binding.gyp',
  // headers for compiling better-sqlite3, nothing at run time
  '!node_modules/node-addon-api/**',
];

/**
 * The file list of one platform: better-sqlite3's loader picks
 * `prebuilds/<process.platform>-<arch>.node`, so each platform keeps its own binary and drops
 * the others' (`${arch}` is the architecture being packed). The whole list is given per
 * platform, not as a top-level `files` plus a platform exclusion: electron-builder 26 then
 * treats the top-level list as a separate file set and copies the whole project.
 */
function filesFor(platform: 'linux' | 'win32' | 'darwin'): string[] {
  return [...appFiles, `!node_modules/better-sqlite3/prebuilds/!(${platform}-\${arch}).node`];
}

/**
 * Installers for a hospital's IT department. Read by `npm run dist` (electron-builder
 * --config), and imported by the packaging tests, which validate it and pack a `--dir`
 * build with a stand-in Electron.
 */
const config = {
  appId: 'org.claimdesk.desktop',
  productName: 'ClaimDesk',
  copyright: 'ClaimDesk',
  directories: { output: 'electron/release', buildResources: 'electron/packaging/resources' },
  // better-sqlite3 ships Node-API prebuilt binaries that load in Electron as they are; a
  // rebuild would need a compiler and Electron's headers, and fails offline.
  npmRebuild: false,
  buildDependenciesFromSource: false,
  // a .node file cannot be loaded from inside an asar archive
  asarUnpack: ['node_modules/better-sqlite3/prebuilds/*.node'],
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  },
  publish: null,
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    files: filesFor('win32'),
  },
  // Per machine into Program Files, with the assisted wizard; electron-builder's NSIS
  // script takes `/S` for a silent install (and `/D=<folder>` for another folder).
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  msi: {
    oneClick: false,
    perMachine: true,
    upgradeCode: MSI_UPGRADE_CODE,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'claimdesk',
    category: 'Office',
    synopsis: 'Patient account workstation for hospital billing staff',
    maintainer: 'ClaimDesk <support@claimdesk.invalid>',
    files: filesFor('linux'),
  },
  deb: { packageCategory: 'misc' },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    files: filesFor('darwin'),
  },
} satisfies Configuration;

export default config;
