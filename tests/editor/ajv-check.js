// Validates playlists with ajv and ajv-errors (YAML 1.2 via the yaml package): one line each.
const fs = require('fs'), path = require('path');
const Ajv = require('ajv'), YAML = require('yaml');
const ajv = new Ajv({allErrors: true, strict: false});
require('ajv-errors')(ajv);
const schema = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const validate = ajv.compile(schema);
for (const f of process.argv.slice(3)) {
  let doc;
  try { doc = YAML.parse(fs.readFileSync(f, 'utf8')); }
  catch (e) { console.log(path.basename(f) + '\tREFUSE\tyaml: ' + e.message.split('\n')[0].slice(0, 100)); continue; }
  const ok = validate(doc);
  const msgs = ok ? '' : validate.errors.map(e => e.instancePath + ' ' + e.message).join(' | ');
  const longest = ok ? 0 : Math.max(...validate.errors.map(e => e.message.length));
  console.log(path.basename(f) + '\t' + (ok ? 'ACCEPT' : 'REFUSE') + '\t' + longest + '\t' + msgs.slice(0, 200));
}
