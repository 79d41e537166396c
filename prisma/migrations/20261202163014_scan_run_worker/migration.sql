-- AlterTable
ALTER TABLE "scan_runs" ADD COLUMN     "worker" VARCHAR(300);
