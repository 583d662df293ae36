import Foundation

/// A real S3-compatible server on loopback for the S3 tests: moto (`moto[server]` from PyPI,
/// installed by `scripts/install-deps test`), started at most twice per test process on a free
/// port: open (any key is accepted), and authenticating, where an IAM user allowed `s3:*` is made
/// first and its key handed out, so that each request's Signature V4 is checked by moto (with
/// botocore). moto 5.2 rejects even botocore's own signature when a query value holds a `/` (a
/// listing's `prefix=recordings%2F`), so the blob suite runs on the open server and the signature
/// and credential tests on the other. A server stops when the test process goes (it reads its
/// stdin to the end, and watches its parent besides).
public final class MotoServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let endpoint: String
    public let accessKeyID: String
    public let secretAccessKey: String
    private let process: Process
    /// Held open for the server's life: its end of file tells the server to stop.
    private let input: Pipe

    public enum Failure: Error, CustomStringConvertible {
        case didNotStart(String)
        public var description: String {
            switch self {
            case .didNotStart(let log): "moto did not start (scripts/install-deps test installs moto[server]): \(log)"
            }
        }
    }

    /// The open server of this test process, started at the first call.
    public static func shared() throws -> MotoServer {
        try open.get()
    }

    /// The authenticating server of this test process, started at the first call.
    public static func authenticating() throws -> MotoServer {
        try checking.get()
    }

    /// ``shared()`` for async code (Swift picks it there), on a thread of its own: the first call
    /// waits seconds for Python to start moto, and the calls made meanwhile wait for it.
    public static func shared() async throws -> MotoServer {
        try await onOwnThread { try shared() }
    }

    /// ``authenticating()`` for async code, on a thread of its own (as ``shared()``'s).
    public static func authenticating() async throws -> MotoServer {
        try await onOwnThread { try authenticating() }
    }

    private static let open = Result { try MotoServer(authenticating: false) }
    private static let checking = Result { try MotoServer(authenticating: true) }

    static let script = #"""
    import json, logging, os, sys, threading, time
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    parent = os.getppid()
    from moto.server import ThreadedMotoServer
    import boto3
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server.get_host_and_port()[1]
    endpoint = f"http://127.0.0.1:{port}"
    if sys.argv[1] == "open":
        print(port, "parlons", "parlons-secret", flush=True)
    else:
        iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
        iam.create_user(UserName="parlons")
        iam.put_user_policy(UserName="parlons", PolicyName="blobs", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="parlons")["AccessKey"]
        # From here on every request is authenticated.
        from moto import settings
        settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
        print(port, key["AccessKeyId"], key["SecretAccessKey"], flush=True)
    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()
    sys.stdin.read()
    os._exit(0)
    """#

    private init(authenticating: Bool) throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("parlons-moto-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, authenticating ? "authenticating" : "open"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line = ""
        while !line.contains("\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line += String(decoding: data, as: UTF8.self)
        }
        let fields = line.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 3, let port = Int(fields[0]) else {
            process.terminate()
            throw Failure.didNotStart(line + ((try? String(contentsOf: log, encoding: .utf8)) ?? ""))
        }
        // Started: its log is only wanted when it does not start (the open file lives on, unnamed).
        try? FileManager.default.removeItem(at: log)
        endpoint = "http://127.0.0.1:\(port)"
        accessKeyID = fields[1]
        secretAccessKey = fields[2]
    }
}
