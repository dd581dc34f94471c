import { describeTables, type Row } from '../support/analyzer-tables.js';

/** Commands reached through xargs/parallel, multicall binaries, variables, awk and find. */

const ROWS: Row[] = [
  ["echo 'rm -rf /' | xargs -I{} bash -c {}", 'dangerous'],
  ["echo / | xargs --replace bash -c 'rm -rf {}'", 'dangerous'],
  ["parallel ::: 'rm -rf /'", 'dangerous'],
  ["parallel bash -c ::: 'rm -rf ~'", 'dangerous'],
  ['parallel rm -rf {} ::: build dist', 'safe'],
  ["find . -type f | xargs -I{} sh -c 'rm -rf {}'", 'dangerous'],
  ["ls | xargs -I {} sh -c 'echo {}'", 'safe'],
  ['git ls-files | xargs grep foo', 'safe'],
  ['find . -type f | xargs rm -rf', 'unsure'],
  ['busybox rm -rf /srv/data', 'dangerous'],
  ['busybox ls', 'safe'],
  ["busybox sh -c 'rm -rf ~'", 'dangerous'],
  ['env - git reset --hard', 'dangerous'],
  ["W='rm -rf ~'; $W", 'dangerous'],
  ['builtin cd / && rm -rf lib', 'dangerous'],
  ['command cd / && rm -rf lib', 'dangerous'],
  ['/*/bin/git branch -D main', 'unsure'],
  ['ls *.ts', 'safe'],
  ['awk \'BEGIN { system("rm -rf /") }\'', 'dangerous'],
  ["awk 'BEGIN { system(cmd) }'", 'unsure'],
  ['awk \'{ print | "sh" }\' f', 'unsure'],
  ['awk \'{ "date" | getline d; print d }\' f', 'safe'],
  ["awk '$1 || $2 {print}' f", 'safe'],
  ['awk \'{print > "/etc/x"}\' f', 'dangerous'],
  ['awk -F: \'{print $1 | "sort"}\' /etc/group', 'safe'],
  ['find /tmp -execdir rm -rf {} +', 'dangerous'],
  ['find . -name node_modules -type d -exec rm -rf {} +', 'safe'],
  ['setfacl -R -m u:app:rwx /etc', 'dangerous'],
  ['setfacl -m u:app:rw src/a.txt', 'safe'],
  ['SP=/tmp/w; for p in linux darwin; do rm -rf "$SP/x/$p"; done', 'safe'],
  ['for d in src build ~; do rm -rf $d; done', 'dangerous'],
  ['for f in $(ls); do rm -rf $f; done', 'dangerous'],
];

describeTables('indirection', { 'xargs, parallel, wrappers, awk, find': ROWS });
