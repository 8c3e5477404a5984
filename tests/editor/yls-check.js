// Drives yaml-language-server over stdio: opens each file, prints its diagnostics.
const { spawn } = require('child_process');
const fs = require('fs'), path = require('path');
const schema = 'file://' + path.resolve(process.argv[2]);
const files = process.argv.slice(3);
const srv = spawn('node', [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio']);
let buf = Buffer.alloc(0), id = 0;
const send = (m) => { const s = JSON.stringify(Object.assign({jsonrpc: '2.0'}, m)); srv.stdin.write('Content-Length: ' + Buffer.byteLength(s) + '\r\n\r\n' + s); };
const pending = new Map(); const results = {}; let left = files.length;
srv.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\r\n\r\n'); if (h < 0) return;
    const len = parseInt(/Content-Length: (\d+)/.exec(buf.slice(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString()); buf = buf.slice(h + 4 + len);
    if (msg.id !== undefined && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
    else if (msg.id !== undefined && msg.method) { send({id: msg.id, result: msg.method === 'workspace/configuration' ? [{}] : null}); }
    else if (msg.method === 'textDocument/publishDiagnostics') {
      const f = path.basename(decodeURIComponent(msg.params.uri));
      if (!(f in results)) { results[f] = msg.params.diagnostics; if (--left === 0) done(); }
    }
  }
});
function done() {
  for (const f of files.map((x) => path.basename(x))) {
    const ds = (results[f] || []).filter((d) => d.severity === 1 || d.severity === 2);
    const longest = ds.reduce((m, d) => Math.max(m, d.message.length), 0);
    console.log(f + '\t' + (ds.length ? 'REFUSE' : 'ACCEPT') + '\t' + longest + '\t' + ds.map((d) => (d.range.start.line + 1) + ': ' + d.message).join(' | ').slice(0, 220));
  }
  process.exit(0);
}
const req = (method, params) => new Promise((res) => { const i = ++id; pending.set(i, res); send({id: i, method, params}); });
(async () => {
  await req('initialize', {processId: null, rootUri: null, capabilities: {}});
  send({method: 'initialized', params: {}});
  send({method: 'workspace/didChangeConfiguration', params: {settings: {yaml: {validate: true, schemas: {[schema]: '*.yaml'}}}}});
  for (const f of files) {
    const text = '# yaml-language-server: $schema=' + schema + '\n' + fs.readFileSync(f, 'utf8');
    send({method: 'textDocument/didOpen', params: {textDocument: {uri: 'file://' + path.resolve(f), languageId: 'yaml', version: 1, text}}});
  }
  setTimeout(() => { console.log('timeout; got ' + Object.keys(results).length); done(); }, 60000);
})();
