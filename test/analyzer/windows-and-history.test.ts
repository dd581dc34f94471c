import { describeTables, type Row } from '../support/analyzer-tables.js';

/** Windows administration commands, node deletes, escape-encoded payloads and turning history off. */

describeTables('windows and history', {
  'windows administration': [
    ['cmd /c rd /s /q test', 'unsure'],
    ['cmd /c rmdir /s /q C:\\', 'dangerous'],
    ['cmd /c dir', 'safe'],
    ['runas /user:Administrator cmd', 'unsure'],
    ['icacls app.exe /grant Everyone:F', 'dangerous'],
    ['icacls src', 'safe'],
    ['takeown /f C:\\Windows\\System32', 'dangerous'],
    ['cipher /w:C:', 'dangerous'],
    ['net user administrator Password123!', 'dangerous'],
    ['net user', 'safe'],
    ['reg add HKLM\\SOFTWARE\\x /v a /d b', 'dangerous'],
    ['reg query HKCU\\Software\\x', 'safe'],
    ['sc create svc binPath= C:\\x.exe', 'dangerous'],
    ['sc query', 'safe'],
    ['wmic process call create calc.exe', 'unsure'],
    ['setx PATH C:\\tools', 'unsure'],
    ['setx MY_VAR 1', 'safe'],
    ['schtasks /create /tn x /tr y', 'dangerous'],
  ],
  'code and payloads': [
    ["node -e \"require('fs').unlinkSync('file')\"", 'unsure'],
    ["echo -e '\\x72\\x6d\\x20\\x2d\\x72\\x66' | sh", 'dangerous'],
    ["echo 'ls -la' | sh", 'safe'],
  ],
  'environment and history': [
    ['printf -v PATH /tmp; ls', 'unsure'],
    ['printf -v msg "%s" hi', 'safe'],
    ['unset HISTFILE', 'unsure'],
    ['export HISTFILE=/dev/null', 'unsure'],
    ['set +o history', 'unsure'],
    ['unset FOO', 'safe'],
  ],
} satisfies Record<string, Row[]>);
