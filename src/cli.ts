export async function main(_argv: string[]): Promise<number> {
  process.stdout.write('warden: not built yet\n');
  return 0;
}
