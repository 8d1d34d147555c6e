export declare function installRenderLeakGuard(): void;
