// Runs before every npm script (and npm install), on whatever Node the newcomer has: plain
// CommonJS with nothing newer than ES2015, so even an old Node can print this instead of
// failing later with ERR_UNKNOWN_FILE_EXTENSION ".ts".
"use strict";

var REQUIRED_MAJOR = 22;
var REQUIRED_MINOR = 12;
var parts = process.versions.node.split(".");
var major = Number(parts[0]);
var minor = Number(parts[1]);
var ok = major > REQUIRED_MAJOR || (major === REQUIRED_MAJOR && minor >= REQUIRED_MINOR);

if (!ok) {
  var platform = process.platform === "win32" ? "win" : process.platform;
  var binaryPackage = "node-" + platform + "-" + process.arch;
  var prefix = "$HOME/.local/node22";
  console.error(
    [
      "",
      "This project needs Node.js " +
        REQUIRED_MAJOR +
        "." +
        REQUIRED_MINOR +
        " or newer; this is Node.js " +
        process.version +
        " (" +
        process.execPath +
        ").",
      "",
      "Get Node.js 22 in one of these ways, then run the command again:",
      "  - a version manager: nvm install 22  (or: fnm install 22, volta install node@22)",
      "  - the installer from https://nodejs.org/en/download",
      "  - without root, from the npm registry:",
      "      npm install --prefix " + prefix + " --no-save " + binaryPackage + "@22",
      '      export PATH="' + prefix + "/node_modules/" + binaryPackage + '/bin:$PATH"',
      "",
    ].join("\n"),
  );
  process.exit(1);
}
