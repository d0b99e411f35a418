// Viewer-request function of the console distribution (CloudFront Functions, cloudfront-js-2.0).
// A path whose last segment has no dot is a screen of the single-page console (/clients,
// /invitations/<token>, /auth/callback): it is served /index.html and the console routes in the
// browser. A path with a dot is a file (JS, CSS, config.json) and keeps its path, so a missing file
// is a real 404 instead of the console's HTML.
// The public pages the build prerenders (web/build.ts PRERENDERED_PAGES) are served their own
// HTML, /en/contact-sales.html, which shows the page before the script has come.
var PRERENDERED = /^\/(en|ru)\/(contact-sales|sign-in)\/?$/;

function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (PRERENDERED.test(request.uri)) {
    request.uri = request.uri.replace(/\/$/, '') + '.html';
  } else if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
