// Reads every resource of a data package with the Frictionless library
// (the npm package datapackage), casting each value to its field's type and
// checking its constraints and the primary key; prints the first problem of
// each resource and exits 1 if there is one.
// Usage: node frictionless.js PATH/TO/node_modules/datapackage DIR/datapackage.json
const {Package} = require(process.argv[2]);

(async () => {
  const pkg = await Package.load(process.argv[3]);
  if (!pkg.valid) {
    console.log(pkg.errors.map(String).join('\n'));
    process.exit(1);
  }
  let failed = false;
  for (const resource of pkg.resources) {
    try {
      await resource.read({cast: true});
    } catch (e) {
      failed = true;
      console.log(`${resource.descriptor.path}: ${e.message} ${(e.errors || []).map(String).join('; ')}`.trim());
    }
  }
  process.exit(failed ? 1 : 0);
})();
