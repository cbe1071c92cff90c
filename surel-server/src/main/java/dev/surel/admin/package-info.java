/**
 * Administration: the operations behind the CLI ({@link dev.surel.admin.AdminOps}) and the local
 * admin channel that carries them to a running server. When a server runs, the CLI sends its
 * command line over a Unix-domain socket in the data directory, authenticated by a secret file
 * only the server's user can read, so the server's caches, change notifications and locks stay
 * right; when none runs, the CLI opens the data directory itself under its exclusive lock.
 * {@link dev.surel.admin.ServerControl} is what only a running server answers ({@code surel
 * status}, {@code surel stop}); without one the CLI says so, touching nothing
 * ({@link dev.surel.admin.DataDirLock#probe}).
 */
package dev.surel.admin;
