/**
 * Hostile SVG families, one document each: used by the unit tests (each must be refused or stored
 * harmless) and by the end-to-end test that opens every stored result in Chromium.
 */
import { svgDocument as d, SVG_SHAPE as S } from "./test-images";

export const HOSTILE_SVGS: ReadonlyArray<readonly [name: string, svg: string]> = [
  ["a script element", d(`${S}<script>alert(document.cookie)</script>`)],
  ["a script in CDATA", d(`${S}<script type="text/ecmascript"><![CDATA[alert(1)]]></script>`)],
  ["an upper-case SCRIPT element", d(`${S}<SCRIPT>alert(1)</SCRIPT>`)],
  ["a prefixed svg:script", d(`${S}<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>`)],
  ["an XHTML script inside the SVG", d(`${S}<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`)],
  [
    "event handlers on the root and children, any case",
    d(
      `<rect width="120" height="40" onclick="alert(1)" ONMOUSEOVER="alert(2)" onfocusin="x()"/>`,
      'onload="alert(0)" width="120" height="40"',
    ),
  ],
  [
    "JavaScript: hrefs in mixed case, with whitespace and character references",
    d(
      `<a href="JaVaScRiPt:alert(1)">${S}</a><a xlink:href=" java&#x09;script:alert(2)"><text>x</text></a>` +
        '<a href="&#106;avascript:alert(3)"><text>y</text></a>',
    ),
  ],
  [
    "foreignObject with an iframe",
    d(
      `${S}<foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></foreignObject>`,
    ),
  ],
  [
    "an iframe straight inside the SVG",
    d(`${S}<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>`),
  ],
  [
    "data:text/html hrefs",
    d(
      `${S}<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><text>x</text></a><image href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;" width="10" height="10"/>`,
    ),
  ],
  [
    "external images by href and xlink:href",
    d(
      `${S}<image href="https://evil.example/track.png" width="10" height="10"/><image xlink:href="//evil.example/x.png" width="5" height="5"/><image href="file:///etc/passwd"/>`,
    ),
  ],
  [
    "use pointing outside the document",
    d(
      `${S}<use href="http://evil.example/x.svg#a"/><use xlink:href="x.svg#a"/><use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a"/>`,
    ),
  ],
  [
    "XXE: a DOCTYPE with an external entity",
    `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${d(`${S}<text>&xxe;</text>`)}`,
  ],
  [
    "billion laughs",
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${d(`${S}<text>&lol2;</text>`)}`,
  ],
  [
    "SMIL set/animate aimed at handlers and hrefs",
    d(
      `${S}<set attributeName="onload" to="alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/>` +
        '<a><animate attributeName="xlink:href" to="javascript:alert(2)"/><text>t</text></a>' +
        '<animateTransform attributeName="onclick" type="rotate" to="alert(3)"/><animateMotion dur="1s" path="M0 0"/>',
    ),
  ],
  [
    "an xml-stylesheet processing instruction",
    `<?xml version="1.0"?><?xml-stylesheet type="text/css" href="https://evil.example/x.css"?>${d(S)}`,
  ],
  ["a processing instruction after the root", `${d(S)}<?php system($_GET["c"]); ?>`],
  [
    "CSS @import in a style element",
    d(`<style>@import url("https://evil.example/x.css"); rect { fill: red }</style>${S}`),
  ],
  [
    "CSS in style attributes: @import, remote url(), expression(), javascript:, escapes",
    d(
      '<rect width="120" height="40" style="@import \'https://evil.example/x.css\'"/>' +
        '<rect width="50" height="20" style="fill:red;background:url(https://evil.example/beacon)"/>' +
        '<rect width="40" height="20" style="width:expression(alert(1))"/>' +
        '<rect width="30" height="20" style="background:javascript:alert(1)"/>' +
        '<rect width="20" height="20" style="background:\\75rl(https://evil.example/x)"/>',
    ),
  ],
  [
    "remote references in presentation attributes",
    d(`${S}<circle r="3" fill="url(https://evil.example/#g)" filter="url('https://evil.example/f.svg#f')"/>`),
  ],
  ["xml:base pointing elsewhere", d(`<g xml:base="https://evil.example/">${S}<use href="#r"/></g>`)],
];
