/**
 * `npm run bench`: measures the product at national scale against the raw-SQL floor and
 * PostGraphile, and writes bench/results/latest.json and latest.md.
 */
function main(): void {
  process.stdout.write('The benchmark is not assembled yet.\n');
}

main();
