// A problem with the packer's input (an argument, the key, the manifest, a
// file of the extension): the message says what and where, the command
// exits 2 and writes nothing. Any other error is a runtime failure (exit 1).
export class ReleaseError extends Error {
  constructor(message) {
    super(message);
    this.name = "ReleaseError";
  }
}

// A command line the packer does not take: the usage is printed with it.
export class UsageError extends ReleaseError {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}
