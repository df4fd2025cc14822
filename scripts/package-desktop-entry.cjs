/**
 * electron-builder afterPack hook for the packaging check only
 * (scripts/check-package.sh): writes, next to the unpacked Linux app, the
 * desktop entry the AppImage and deb targets would install — computed by
 * electron-builder's own LinuxTargetHelper from electron-builder.yml — so
 * its MimeType can be checked without the AppImage/deb tools (which are
 * downloaded at build time and cannot be here).
 */
const path = require('node:path');
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');

exports.default = async function writeDesktopEntry(context) {
  if (context.electronPlatformName !== 'linux') return;
  const { packager } = context;
  const helper = new LinuxTargetHelper(packager);
  await helper.writeDesktopEntry(
    packager.platformSpecificBuildOptions,
    null,
    path.join(context.appOutDir, `${packager.executableName}.desktop`),
  );
};
