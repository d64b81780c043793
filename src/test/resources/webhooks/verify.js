// Verifies one webhook with the standardwebhooks npm package (an implementation independent of ours).
// stdin: {"secret": "whsec_...", "headers": {"webhook-id": ..., ...}, "body": "..."}; prints "ok" or "fail: <why>".
const { Webhook } = require('standardwebhooks');
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const { secret, headers, body } = JSON.parse(input);
  try {
    new Webhook(secret).verify(body, headers);
    console.log('ok');
  } catch (e) {
    console.log('fail: ' + e.message);
  }
});
