import { methodLabel, routeLabel } from './http-metrics';

describe('routeLabel', () => {
  const paths = ['/graphql', '/health/ready', '/'];

  it.each([
    ['/graphql', '/graphql'],
    ['/graphql?query=%7B__typename%7D', '/graphql'],
    ['/health/ready/', '/health/ready'],
    ['/', '/'],
    ['/graphql/anything', 'other'],
    ['/wp-admin.php', 'other'],
    [undefined, 'other'],
  ])('labels %p as %p', (url, label) => {
    expect(routeLabel(url, paths)).toBe(label);
  });
});

describe('methodLabel', () => {
  it('keeps the usual methods and folds the rest', () => {
    expect(methodLabel('POST')).toBe('POST');
    expect(methodLabel('PROPFIND')).toBe('other');
    expect(methodLabel(undefined)).toBe('other');
  });
});
