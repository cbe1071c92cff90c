/** Text for people, shared by the CLI and the operations code: sizes in binary units. */
package dev.surel.text;
