import { clip, oneLine } from '../ui/format.js';

/** Which browser and OS a User-Agent names, for the person to check ("Chrome 131 on Android"). */
export function browserName(userAgent: string | undefined): { browser: string; os: string } {
  const ua = oneLine(userAgent ?? '');
  if (ua === '') return { browser: 'an unnamed client', os: 'an unknown OS' };
  const version = (re: RegExp) => re.exec(ua)?.[1]?.split('.')[0];
  let browser: string;
  if (/\bEdg(?:e|A|iOS)?\//.test(ua)) browser = `Edge ${version(/Edg(?:e|A|iOS)?\/([\d.]+)/) ?? ''}`;
  else if (/\bFirefox\//.test(ua)) browser = `Firefox ${version(/Firefox\/([\d.]+)/) ?? ''}`;
  else if (/\bHeadlessChrome\//.test(ua))
    browser = `Headless Chrome ${version(/HeadlessChrome\/([\d.]+)/) ?? ''}`;
  else if (/\bChrom(?:e|ium)\//.test(ua)) browser = `Chrome ${version(/Chrom(?:e|ium)\/([\d.]+)/) ?? ''}`;
  else if (/\bSafari\//.test(ua) && /\bVersion\//.test(ua))
    browser = `Safari ${version(/Version\/([\d.]+)/) ?? ''}`;
  else browser = clip(ua.split(/[\s(]/)[0] ?? ua, 40);
  let os = 'an unknown OS';
  if (/Android/.test(ua)) os = 'Android';
  else if (/iPhone|iPad|iPod/.test(ua)) os = 'iOS';
  else if (/Mac OS X|Macintosh/.test(ua)) os = 'macOS';
  else if (/Windows/.test(ua)) os = 'Windows';
  else if (/CrOS/.test(ua)) os = 'ChromeOS';
  else if (/Linux|X11/.test(ua)) os = 'Linux';
  return { browser: browser.trim(), os };
}
