/**
 * A loopback address where nothing listens, for tests of "cannot reach …".
 *
 * Closing a test server and reusing its address is not that: on a busy CI machine another
 * test's server was given the freed port a moment later, and the hub met "other side
 * closed" instead of a refusal. Port 2 lies below the kernel's ephemeral range
 * (32768–60999), so no server listening on port 0 is ever given it, and it is not one of
 * the ports fetch refuses to dial.
 */
export const closedAddress = 'http://127.0.0.1:2';
