import Foundation
import Hummingbird
import Logging
import NIOPosix

/// The browser and kiosk client (`Public/`, shipped as the WebAPI target's resources): the learner
/// app (`learner/`, at `/` and `/kiosk`), the trainer screens (`trainer/`, at `/trainer`) and what
/// both use (`shared/`: scripts, styles, icons, pictures, spoken labels), each file at its own path.
/// Routes always win: a file is looked for only when no route matched.
enum ClientFiles {
    /// The folder the files are served from: the resource bundle next to the executable.
    static let root: String = Bundle.module.resourceURL!.appendingPathComponent("Public").path

    /// The pages and the file each one is.
    static let pages: [String: String] = ["/": "learner/index.html", "/kiosk": "learner/index.html", "/trainer": "trainer/index.html"]

    /// Scripts and styles change with each release, so browsers revalidate them (cheap: ETag and
    /// `304`); the kiosk still works from its cache during a short network loss.
    static func middleware<Context: RequestContext>() -> ClientFilesMiddleware<Context> {
        ClientFilesMiddleware(files: FileMiddleware<Context, LocalFileSystem>(
            fileProvider: LocalFileSystem(rootFolder: root, threadPool: .singleton, logger: Logger(label: "parlons.client")),
            cacheControl: .init([(MediaType(type: .any), [.noCache])])
        )
        .withAdditionalMediaType(MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")), mappedToFileExtension: "js")
        .withAdditionalMediaType(MediaType(type: .audio, subType: "ogg", parameter: ("codecs", "opus")), mappedToFileExtension: "opus"))
    }

    /// `/`, `/kiosk`, `/trainer`: HTML with a type and no caching, so a new release shows at once.
    static func addPageRoutes(to router: Router<ParlonsRequestContext>) {
        let fileIO = FileIO(threadPool: .singleton)
        for (path, file) in pages {
            router.get(RouterPath(path)) { _, context -> Response in
                let body = try await fileIO.loadFile(path: root + "/" + file, context: context)
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: body)
            }
        }
        addServiceWorkerRoute(to: router)
    }
}

/// Hummingbird's file middleware for everything outside the API: `/api/…` and `/media/…` are
/// never files, so their answers (404s included) stay the API's own. A client that takes gzip gets
/// the text files, pages and worker compressed (``ClientFiles/compressedAnswer(to:)``).
struct ClientFilesMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: FileMiddleware<Context, LocalFileSystem>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/api/") || path.hasPrefix("/media/") || path == "/api" || path == "/media" {
            return try await next(request, context)
        }
        if let compressed = ClientFiles.compressedAnswer(to: request) { return compressed }
        return try await files.handle(request, context: context, next: next)
    }
}
